"""An app module that raises while being imported: wsroutes must stop with APP_START_FAILED."""

raise RuntimeError("broken on purpose: the settings file is missing")
