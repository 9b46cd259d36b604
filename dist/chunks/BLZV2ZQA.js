import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./CXG6M3NM.js";import"./OGXURUZ2.js";import"./7WHZ2556.js";import"./YSK452U4.js";import"./IM3TFGKT.js";export{a as deriveBase,b as isControlFile,c as parseRawDiff,d as readBlobs};
