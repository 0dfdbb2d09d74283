"""Form definitions: load, resolve, version and validate JSON Schema documents."""

from formsvc.schemas.catalogue import (
    CompiledForm,
    compiled,
    import_directory,
    latest_version,
    latest_versions,
)
from formsvc.schemas.document import FormDocument, Node
from formsvc.schemas.models import FormVersion
from formsvc.schemas.validation import FieldError

__all__ = [
    "CompiledForm",
    "FieldError",
    "FormDocument",
    "FormVersion",
    "Node",
    "compiled",
    "import_directory",
    "latest_version",
    "latest_versions",
]
