"""Per-page translation texts. Each module here defines ``TEXTS = {key: {"nl": …, "en": …}}``;
``core.i18n`` merges them into one catalog and refuses a key defined twice."""
