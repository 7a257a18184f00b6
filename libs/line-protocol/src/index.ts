export { LineSplitter, MAX_LINE_LENGTH } from './line-splitter';
