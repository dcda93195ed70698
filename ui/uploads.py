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
# (core.importers.spool); the session keeps them in ``Spools`` ({digest: path}).

def _unlink(path):
    import os

    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _remove(paths):
    for path in paths.values():
        _unlink(path)


class Spools(dict):
    """A session's temporary copies of large uploads, ``{digest: path}``. When the session
    ends (its state is dropped) or the server stops, the copies still there are removed."""

    def __init__(self):
        super().__init__()
        import weakref

        self._paths = {}
        weakref.finalize(self, _remove, self._paths)

    def __setitem__(self, digest, path):
        super().__setitem__(digest, path)
        self._paths[digest] = path

    def pop(self, digest, *default):
        self._paths.pop(digest, None)
        return super().pop(digest, *default)


def spools(state):
    """The session's ``Spools`` in ``state`` (Streamlit's session state), made on first use."""
    found = state.get("data_spools")
    if not isinstance(found, Spools):
        found = state["data_spools"] = Spools()
    return found


def spooled(path):
    """Whether the temporary copy at ``path`` is still there."""
    import os

    return os.path.isfile(path)


def drop_spools(spools, keep=()):
    """Remove the temporary copies of ``spools`` whose digest is not in ``keep``, and
    forget them."""
    for digest in [d for d in spools if d not in keep]:
        _unlink(spools.pop(digest))
