"""Form definitions: load, check, resolve, version and validate JSON Schema documents."""

from formsvc.schemas.burden import Burden, burden
from formsvc.schemas.catalogue import (
    CompiledForm,
    ImportResult,
    compiled,
    import_directory,
    latest_versions,
)
from formsvc.schemas.check import (
    DefinitionError,
    check_document,
    check_file,
    check_structure,
    load_definition,
)
from formsvc.schemas.conditions import applies, prune_inactive, relevant
from formsvc.schemas.document import Condition, FormDocument, Node
from formsvc.schemas.errors import FieldError
from formsvc.schemas.findings import Finding
from formsvc.schemas.models import FormDraft, FormVersion
from formsvc.schemas.versions import (
    PublishRefused,
    StaleDraft,
    content_hash,
    latest_version,
    publish,
    publish_draft,
    save_draft,
)

__all__ = [
    "Burden",
    "CompiledForm",
    "Condition",
    "DefinitionError",
    "FieldError",
    "Finding",
    "FormDocument",
    "FormDraft",
    "FormVersion",
    "ImportResult",
    "Node",
    "PublishRefused",
    "StaleDraft",
    "applies",
    "burden",
    "check_document",
    "check_file",
    "check_structure",
    "compiled",
    "content_hash",
    "import_directory",
    "latest_version",
    "latest_versions",
    "load_definition",
    "prune_inactive",
    "publish",
    "publish_draft",
    "relevant",
    "save_draft",
]
