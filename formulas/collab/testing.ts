/** Test support of the shared documents. */
import * as Y from 'yjs';

/**
 * A registry's document as the server stored it at schema version 1 (written by the code of that version, before
 * migrations existed): a thread with a reply, a label, a flag, the mirror of a decided row and a status decision.
 * Kept as bytes: every later step must still open it.
 */
export const STORED_V1 =
  'ARgHACgBBG1ldGENc2NoZW1hVmVyc2lvbgF9AScBB3RocmVhZHMDaWQxASgABwEDcm93AX0CKAAHAQljcmVhdGVkQnkBdwhyZXZpZXdlcigABw' +
  'EJY3JlYXRlZEF0AXcUMjAyNi0wOS0wMlQxMDowMDowMVooAAcBCHJlc29sdmVkAXkoAAcBCnJlc29sdmVkQnkBfigABwEKcmVzb2x2ZWRBdAF+' +
  'JwAHAQhjb21tZW50cwAIAAcIAnYGAmlkdwNpZDIGYXV0aG9ydwhyZXZpZXdlcgphdXRob3JOYW1ldxTQn9C10YLRgNC+0LIg0J8uINCfLgR0ZX' +
  'h0dzXQn9GA0L7QstC10YDRjNGC0LUg0L/Qu9C+0YnQsNC00Ywg0LTQvtC80LAgQHJldmlld2VyMghtZW50aW9uc3UBdwlyZXZpZXdlcjICYXR3' +
  'FDIwMjYtMDktMDJUMTA6MDA6MDFadgYCaWR3A2lkMwZhdXRob3J3CXJldmlld2VyMgphdXRob3JOYW1ldxjQodC40LTQvtGA0L7QstCwINCQLi' +
  'DQkC4EdGV4dHdF0J/Qu9C+0YnQsNC00Ywg0L/QviDQk9CY0KEg0JbQmtClIDQxMiw1INC8wrIsINCyINGA0LXQtdGB0YLRgNC1IDQyMSw1CG1l' +
  'bnRpb25zdQACYXR3FDIwMjYtMDktMDRUMTA6MDA6MDNaKAEGbGFiZWxzEDJ80L/Qu9C+0YnQsNC00YwBdgQDcm93fQIFbGFiZWx3DtC/0LvQvt' +
  'GJ0LDQtNGMAmJ5dwhyZXZpZXdlcgJhdHcUMjAyNi0wOS0wNFQxMDowMDowM1ooAQVmbGFncwEzAXYEA3Jvd30DBGZsYWd3BnllbGxvdwJieXcJ' +
  'cmV2aWV3ZXIyAmF0dxQyMDI2LTA5LTA0VDEwOjAwOjAzWigBDm1pcnJvclJlZ2lzdHJ5BnN0YXR1cwF3D9CSINGA0LDQsdC+0YLQtSgBDm1pcn' +
  'JvclJlZ2lzdHJ5C2RlY2xhcmVkU3VtAX2gzyQoAQ5taXJyb3JSZWdpc3RyeQlhZ3JlZWRTdW0BfaCaDCgBDm1pcnJvclJlZ2lzdHJ5C3JlamVj' +
  'dGVkU3VtAX0AKAEObWlycm9yUmVnaXN0cnkJcm93c1RvdGFsAX0DKAEObWlycm9yUmVnaXN0cnkKcm93c0FncmVlZAF9ASgBDm1pcnJvclJlZ2' +
  'lzdHJ5DHJvd3NSZWplY3RlZAF9ACgBDm1pcnJvclJlZ2lzdHJ5C3Jvd3NQZW5kaW5nAX0CKAEObWlycm9yUmVnaXN0cnkIZXhlY3V0b3IBdxTQ' +
  'n9C10YLRgNC+0LIg0J8uINCfLigBDm1pcnJvclJlZ2lzdHJ5CXVwZGF0ZWRBdAF3FDIwMjYtMDktMDNUMDk6MDA6MDBaKAEKbWlycm9yUm93cw' +
  'ExAXYEBnN0YXR1c3cU0KHQvtCz0LvQsNGB0L7QstCw0L0GcmVhc29ufgJieXcU0J/QtdGC0YDQvtCyINCfLiDQny4CYXR3FDIwMjYtMDktMDNU' +
  'MDk6MDA6MDBaKAEPbWlycm9yRGVjaXNpb25zATEBdgYCaWR9AQRmcm9tdwrQndC+0LLRi9C5AnRvdw/QkiDRgNCw0LHQvtGC0LUGcmVhc29ufg' +
  'JieXcU0J/QtdGC0YDQvtCyINCfLiDQny4CYXR3FDIwMjYtMDktMDJUMDg6MDA6MDBaAA==';

/** That document, opened. */
export const storedV1 = (): Y.Doc => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Uint8Array.from(atob(STORED_V1), (c) => c.charCodeAt(0)));
  return doc;
};
