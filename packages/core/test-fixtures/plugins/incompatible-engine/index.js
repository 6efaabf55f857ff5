throw new Error('incompatible-engine was imported although its engines range excludes this handshake');
