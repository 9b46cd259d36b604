import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{c as a,d as b,e as c,f as d,g as e}from"./OXAZSNLC.js";import"./7WHZ2556.js";import"./IV5HYCAI.js";import"./MFT4HP4H.js";import"./YSK452U4.js";import"./IM3TFGKT.js";export{e as gitListing,c as gitMergeBase,a as gitTopLevel,b as resolveCommit,d as treeFromGit};
