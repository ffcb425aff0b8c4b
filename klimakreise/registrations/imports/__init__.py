"""Import registrations from CSV or XLSX files (e.g. from an earlier form tool).

files: read an upload into rows · stash: keep them between the steps · columns: map the file's
columns to fields · rows: validate every row like the registration form does.
"""
