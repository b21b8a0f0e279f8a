/** The live catalog of PostgreSQL 17 read, loaded, archived and restored (test/helpers/live-catalog-versions.ts). */
import { describeLiveCatalog } from '../helpers/live-catalog-versions.js';

describeLiveCatalog(17);
