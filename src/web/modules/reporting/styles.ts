import records from '../../ui/records.module.css';
import own from './reporting.module.css';

/** The shared record layout (src/web/ui/records.module.css) with this module's own classes. */
const styles: Readonly<Record<string, string>> = { ...records, ...own };
export default styles;
