export { toNinjs, type NinjsDocument, type NinjsAssociationDoc } from './to-ninjs.js';
export { fromNinjs, type FromNinjsOptions } from './from-ninjs.js';
export { NinjsInput } from './ninjs-schema.js';
export { NINJS_ROLES, NINJS_STANDARD } from './roles.js';
