#!/usr/bin/env node
// The installed command. It exists before the build, so npm can link it; the program is in dist/.
import '../dist/main.js';
