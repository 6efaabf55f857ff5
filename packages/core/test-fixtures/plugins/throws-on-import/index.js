// Importing this module is the failure a test looks for: the host must not import a plugin the config does not use.
throw new Error('throws-on-import was imported');
