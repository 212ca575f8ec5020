"""The data every stage passes on: the loaded document, rules and their findings, the results of a run."""
