"""From what a loader read to a :class:`~nianbao.model.document.Document`: sections, template tables
(grid, glued and header-placed cells), metadata, and the edition the tables show."""
