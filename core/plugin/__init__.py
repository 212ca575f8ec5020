"""The plugin system: hook markers, hook specifications and the plugin manager."""
