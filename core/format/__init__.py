"""The national report format as data: edition templates, reconciliation identities, the regulation
the rules rest on, label folding and numerals."""
