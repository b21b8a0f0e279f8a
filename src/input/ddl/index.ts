export { type DdlSource, type ParseDdlOptions, parseDdl } from './parse-ddl.js';
