/** The version of the host that plugins' `engines.handshake` ranges are checked against. */
export const HANDSHAKE_VERSION = '0.1.0';
