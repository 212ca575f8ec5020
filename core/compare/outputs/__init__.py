"""The comparison's outputs, one module per format: text, json, html, docx."""
