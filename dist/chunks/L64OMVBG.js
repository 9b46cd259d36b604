import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./V4D3Y7FG.js";import"./7WHZ2556.js";import"./C6MX7YDV.js";import"./YSK452U4.js";import"./IM3TFGKT.js";export{a as deriveBase,b as isControlFile,c as parseRawDiff,d as readBlobs};
