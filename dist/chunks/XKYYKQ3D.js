import{createRequire as __kcgRequire}from"node:module";const require=__kcgRequire(import.meta.url);
import{a,b,c,d}from"./HOXVPOY4.js";import"./IV5HYCAI.js";import"./L7XHOG47.js";import"./MFT4HP4H.js";import"./7WHZ2556.js";import"./YSK452U4.js";import"./IM3TFGKT.js";export{c as gitMergeBase,a as gitTopLevel,b as resolveCommit,d as treeFromGit};
