/** Dispositions of a fieldwork store: what the study layer (the report's tables) may read. */
export { storeFrame, type StoreFrameRequest } from './frame.js';
