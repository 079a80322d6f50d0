/** "1234567890123456" → "1234 5678 9012 3456" (the form people copy it in); anything else as given. */
export function groupReceipt(receipt: string): string {
  const digits = receipt.replace(/\D/g, '');
  return digits.length === 16 ? digits.replace(/(\d{4})(?=\d)/g, '$1 ') : receipt;
}

/** The sixteen digits of a typed receipt (spaces, dashes and dots allowed between them), else null. */
export function receiptDigits(typed: string): string | null {
  const compact = typed.replace(/[\s.\-–]/g, '');
  return /^\d{16}$/.test(compact) ? compact : null;
}
