"""Uploads without a second copy of the file, and the temporary copies of large ones.

On every run Streamlit returns a *deep copy* of a widget's value, so that page code
cannot change the value kept in the session. For ``st.file_uploader`` that copy is a
whole new copy of the file's bytes (``io.BytesIO`` pickles its content): a 190 MB upload
then sits in the server twice, on top of the copy Streamlit keeps. An ``UploadedFile``
over the same ``bytes`` object gives the same isolation at no cost: ``bytes`` cannot be
changed, and ``io.BytesIO`` copies its buffer the moment anyone writes to it.
"""
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec


def _shared_copy(self, memo):
    # getvalue() of an unwritten BytesIO is the very bytes object it was made from.
    copy = UploadedFile(UploadedFileRec(self.file_id, self.name, self.type, self.getvalue()),
                        self._file_urls)
    copy.seek(self.tell())
    memo[id(self)] = copy
    return copy


def share_upload_copies():
    """Make Streamlit's per-run copy of an upload share the file's bytes (idempotent)."""
    if UploadedFile.__dict__.get("__deepcopy__") is not _shared_copy:
        UploadedFile.__deepcopy__ = _shared_copy


# A large upload is previewed and imported in a worker process from a temporary copy
# (core.importers.spool); the session keeps {digest: path} in ``data_spools``.

def spooled(path):
    """Whether the temporary copy at ``path`` is still there."""
    import os

    return os.path.isfile(path)


def drop_spools(spools, keep=()):
    """Remove the temporary copies of ``spools`` ({digest: path}) whose digest is not in
    ``keep``, and forget them."""
    import os

    for digest in [d for d in spools if d not in keep]:
        try:
            os.unlink(spools.pop(digest))
        except FileNotFoundError:
            pass
