/** The live catalog of PostgreSQL 14 read, loaded, archived and restored (test/helpers/live-catalog-versions.ts). */
import { describeLiveCatalog } from '../helpers/live-catalog-versions.js';

describeLiveCatalog(14);
