import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./5XH4OMF5.js";import"./7WHZ2556.js";import"./QBIGB2B2.js";import"./YSK452U4.js";import"./IM3TFGKT.js";export{a as deriveBase,b as isControlFile,c as parseRawDiff,d as readBlobs};
