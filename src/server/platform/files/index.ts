// The platform's file service: accept an upload against a module's policy, strip a photo's or a document's metadata, store it sealed on a record, read, list, delete.
export {
  acceptFile, allowedExtensions, cleanFilename, FILE_TYPES, isText, type AcceptedFile, type FilePolicy, type FileType, type FileTypeName,
} from './accept.js';
export { cleanUploads, type CleanFile } from './clean.js';
export {
  copyFilesOf, deleteFile, deleteFilesOf, fileStore, findFile, listFiles, StoredFileIntegrityError,
  type FileAudit, type FileContent, type FileRef, type FileStore, type StoredFileView,
} from './store.js';
export { ImageUnreadableError, stripImageMetadata } from './strip-metadata.js';
export { MetadataKeptError, stripDocumentMetadata, stripMetadata } from './strip-documents.js';
