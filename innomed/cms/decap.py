"""Editing in the browser (/admin/, Decap CMS): its configuration, generated, and its files.

admin/config.yml is never edited by hand. It is made from the registry (which folders hold
which type), the models (fields, Norwegian help texts, what is required) and
data/vocabulary.yml (the allowed values), so a new region or theme shows up in the form's
pick-list after `build.py schema`, and a test fails when the committed file is stale.

Decap's own script is not committed (5.8 MB): the build copies it from node_modules, which
`make site` installs from package-lock.json; `build.py build` run without node_modules leaves
/admin/ out and says so.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from innomed.cms.schemas import with_vocabularies
from innomed.model.pages import StaticFile
from innomed.model.registry import TYPES
from innomed.model.vocabulary import Vocabularies

CONFIG_FILE = Path("admin/config.yml")
ADMIN_FOLDER = Path("admin")
DECAP_DIST = Path("node_modules/decap-cms/dist")
YAML_DIST = Path("node_modules/yaml/browser/dist")
# decap-server's default port; `make edit` starts it on loopback. On loopback admin/index.html
# also saves straight to the files (publish_mode simple): decap-server's file mode has no
# pull requests.
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"
FORMAT = "innomed-frontmatter"  # registered by admin/innomed-cms.js
KEYS = "__innomed_keys"  # admin/innomed-cms.js: the front-matter keys a file has

# Where a field's description does not make a short label, the label to show.
LABELS = {
    "kind": "Type",
    "status": "Status",
    "draft": "Utkast",
    "lang": "Språk",
    "prosjekt_x": "Prosjekt X",
    "decorative": "Bare pynt",
    "slug": "Adresse",
    "regions": "Helseregioner",
    "number": "Episodenummer",
    "length": "Filstørrelse i byte",
    "related": "Vis alltid som relaterte",
    "unrelated": "Foreslå aldri som relaterte",
}
# Labels for a field of one model only: `type` is the kind of support in a project and the
# file type of an episode's audio.
MODEL_LABELS = {
    ("Support", "type"): "Type støtte",
    ("Audio", "type"): "Filtype",
    ("Attachment", "file"): "Fil",
}
# Help texts for the form where the model's (written for those editing the YAML, and shown
# in their editor from schemas/) speak code: `true`, `[]`, `slug`.
HINTS = {
    "decorative": "Slå på hvis bildet bare er pynt; da trengs ingen alternativ tekst.",
    "prosjekt_x": "Slå på hvis prosjektet er med i Prosjekt X.",
    "draft": "Slått på: vises bare i forhåndsvisningen, aldri på nettstedet.",
    "regions": "Helseregionene prosjektet hører til. La feltet stå tomt hvis det ikke er kjent.",
    "related": "Adressen til prosjekter som alltid skal vises som relaterte, for eksempel "
    "dho-sor-rogaland (slik den står etter /prosjekt/).",
    "unrelated": "Adressen til prosjekter, episoder, kurs eller verktøy som aldri skal foreslås "
    "som relaterte, slik den står i nettadressen.",
    "related_projects": "Adressen til prosjektene, for eksempel dho-sor-rogaland (slik den står "
    "etter /prosjekt/).",
    "covers": "Adressen til prosjektene rapporten handler om (slik den står etter /prosjekt/); "
    "rapporten vises på sidene deres.",
    "modules": "Filnavnet til hver modul, uten .md, i den rekkefølgen de skal komme.",
}
# What one item of a list of plain values is called: the label of its text box, and in
# «Legg til …». Fields not listed get «Linje».
ITEM_LABELS = {
    "legacy_paths": "Gammel adresse",
    "partners": "Samarbeidspartner",
    "related": "Adresse",
    "unrelated": "Adresse",
    "related_projects": "Adresse",
    "covers": "Adresse",
    "source": "Kilde",
    "notes": "Merknad",
    "audience": "Målgruppe",
    "outcomes": "Læringsutbytte",
    "modules": "Modul",
    "goals": "Læringsmål",
}
# Longer texts get a text area rather than a one-line field.
TEXT_AREAS = {"summary", "description", "how_to_get"}
ALT_HINT = (
    "Påkrevd når du har valgt et bilde: hva bildet viser, for den som ikke ser det. "
    "Er bildet bare pynt, slå på «Bare pynt» i stedet."
)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Fields whose value is a file beside the markdown file; images are uploaded to `bilder/`.
FILE_FIELDS = {("Image", "file"): "image", ("Attachment", "file"): "file"}
SLUG = "{{slug}}"  # Decap: the entry's title made into a file name by the `slug` rules below


def edited_types() -> list[str]:
    """The types /admin/ edits (those with a `plural` in the registry): first those with a
    file per entry (one folder collection each), then those that share folders."""
    edited = [t for t in TYPES.values() if t.plural]
    return [t.name for t in edited if t.layout == "files"] + [
        t.name for t in edited if t.layout in ("folders", "children")
    ]


def required_lists(vocabularies: Vocabularies) -> set[str]:
    """Fields the model requires but may be [] (the JS writes them even when empty)."""
    names = set()
    for name in edited_types():
        schema = TYPES[name].model.model_json_schema()
        for field, node in schema["properties"].items():
            if field in schema.get("required", []) and node.get("type") == "array":
                if "minItems" not in node:
                    names.add(field)
    return names


MODEL_HINTS = {("Audio", "type"): "Filtypen til lydfilen: audio/mpeg er mp3."}


def label_of(name: str, description: str, model: str = "") -> str:
    if (model, name) in MODEL_LABELS:
        return MODEL_LABELS[(model, name)]
    if name in LABELS:
        return LABELS[name]
    short = re.split(r"[:;(]| - ", description, maxsplit=1)[0].strip()
    return short or name


def resolve(node: dict, defs: dict) -> dict:
    """A field's schema without its `| None` and with `$ref` followed; a list that also takes
    a single value (models.Listed) as the list: the form always writes a list."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    arrays = [o for o in options if o.get("type") == "array"]
    if len(options) == 2 and len(arrays) == 1 and arrays[0].get("items") in options:
        options = arrays
    if len(options) == 1:
        node = {**node, **options[0]}
        node.pop("anyOf")
    if "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **node}
        node.pop("$ref")
    return node


def widget_for(name: str, node: dict, defs: dict, required: bool, model: str) -> dict:
    node = resolve(node, defs)
    description = node.get("description", "")
    field: dict = {"name": name, "label": label_of(name, description, model)}
    if (model, name) in MODEL_HINTS:
        field["hint"] = MODEL_HINTS[(model, name)]
    elif name in HINTS:
        field["hint"] = HINTS[name]
    elif description and description != field["label"]:
        field["hint"] = description
    kind = node.get("type")
    # `regions: []` is an answer ("not known"), so the form must let the list be empty;
    # admin/innomed-cms.js then writes [] rather than leaving the field out.
    field["required"] = required and not (kind == "array" and "minItems" not in node)
    if "enum" in node:
        field.update(widget="select", options=list(node["enum"]))
    elif kind == "array" and "enum" in resolve(node["items"], defs):
        field.update(widget="select", multiple=True, options=resolve(node["items"], defs)["enum"])
    elif kind == "array" and resolve(node["items"], defs).get("type") == "object":
        item = resolve(node["items"], defs)
        field.update(widget="list", fields=object_fields(item, defs), collapsed=True)
    elif kind == "array":
        # One text box per item. Decap's list widget without `field` is a single box split
        # on commas and trimmed: a comma inside an item cut it in two, a trailing space
        # vanished. With one `field` the value stays a list of plain strings.
        field.update(
            widget="list",
            field={"name": name, "label": ITEM_LABELS.get(name, "Linje"), "widget": "string"},
            label_singular=ITEM_LABELS.get(name, "linje").lower(),
            collapsed=False,
            summary=f"{{{{fields.{name}}}}}",
        )
    elif kind == "object":
        children = object_fields(node, defs)
        if not required:
            # Decap checks an optional object's required fields even when it is left empty,
            # which blocks saving; `build.py check` still requires them when it is filled in.
            children = [{**child, "required": False} for child in children]
        field.update(widget="object", fields=children, collapsed=not required)
    elif kind == "boolean":
        field.update(widget="boolean")
    elif kind in ("integer", "number"):
        field.update(widget="number", value_type="int" if kind == "integer" else "float")
        for bound, key in (("minimum", "min"), ("maximum", "max")):
            if bound in node:
                field[key] = node[bound]
    elif (model, name) in FILE_FIELDS:
        field.update(widget=FILE_FIELDS[(model, name)], choose_url=False)
        if field["widget"] == "file":
            # Downloads beside the entry in a folder of its own, as images are (bilder/).
            field.update(media_folder=f"filer/{SLUG}", public_folder=f"filer/{SLUG}")
    elif node.get("format") == "date":
        field.update(
            widget="string",
            pattern=[r"^\d{4}-\d{2}-\d{2}$", "Skriv datoen som ÅÅÅÅ-MM-DD"],
        )
    else:
        field.update(widget="text" if name in TEXT_AREAS else "string")
    if "default" in node and node["default"] not in (None, [], False):
        field["default"] = node["default"]
    if model == "Image" and name == "alt":
        # The build accepts `decorative: true` instead; the form asks for the text always,
        # since an image that needs one is the common case.
        field["required"] = True  # inside an optional image, relaxed again by the caller
        # Decap then marks it «valgfritt»; the hint says when it is not, and
        # admin/innomed-cms.js refuses to save an image without it.
        field["hint"] = ALT_HINT
    return field


def object_fields(node: dict, defs: dict) -> list[dict]:
    required = set(node.get("required", []))
    title = node.get("title", "")
    return [
        widget_for(name, child, defs, name in required, title)
        for name, child in node["properties"].items()
    ]


def model_fields(model: type, vocabularies: Vocabularies) -> list[dict]:
    """The form of one type: its own fields first, then draft, source and notes."""
    schema = with_vocabularies(model.model_json_schema(), vocabularies)  # type: ignore[attr-defined]
    fields = object_fields(schema, schema.get("$defs", {}))
    shared = {"draft", "source", "notes"}
    fields = [f for f in fields if f["name"] not in shared] + [
        f for f in fields if f["name"] in shared
    ]
    body = {
        "name": "body",
        "label": "Tekst",
        "hint": "Brødteksten i markdown: ## for hovedoverskrifter, ### under dem.",
        "widget": "markdown",
        # Raw only: the rich-text editor rewrites markdown it did not write (`-` became `*`,
        # tables padded, `[tekst](prosjekt:slug)` escaped into plain text). Offering it second
        # is not enough: Decap opens the last mode used, rich text when none was.
        "modes": ["raw"],
        "required": False,
    }
    return [*fields, body]


def folder_collection(name: str, vocabularies: Vocabularies) -> dict:
    content_type = TYPES[name]
    fields = with_slug_hint(model_fields(content_type.model, vocabularies), name)
    collection = {
        "name": name,
        "label": content_type.required("plural"),
        "label_singular": content_type.noun,
        "folder": content_type.folder,
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "identifier_field": "title",
        # admin/innomed-cms.js puts the address the old site's rules give the title into
        # `slug` before saving a new entry, and leaves it out of the file when it is that.
        "slug": "{{fields.slug}}",
        "summary": "{{title}}",
        # Each entry's uploads in a folder of their own (Decap's {{slug}} is the title made
        # into a file name): with one shared `bilder/`, an upload named like another entry's
        # file replaced it.
        "media_folder": f"bilder/{SLUG}",
        "public_folder": f"bilder/{SLUG}",
        "fields": fields,
    }
    if not any(f["name"] == "slug" for f in fields):
        collection["fields"] = [hidden_slug(), *fields]
    marker = own_field(name)
    if marker:
        # Decap lists every .md in the folder; admin/innomed-cms.js gives each entry the keys
        # its front matter has, so the filter keeps the files that have this type's own field.
        collection["filter"] = {"field": KEYS, "value": marker}
    return collection


def own_field(name: str) -> str | None:
    """For a type whose folder also holds another type's index.md (podcast/: the series
    beside its episodes), a field this type requires and the other type has not."""
    content_type = TYPES[name]
    others = [t for t in TYPES.values() if t.layout == "single" and t.folder == content_type.folder]
    if not others:
        return None
    schema = content_type.model.model_json_schema()
    for field in schema.get("required", []):
        if all(field not in t.model.model_fields for t in others):
            return field
    raise ValueError(f"{name}: no required field tells it from {others[0].name}")


def with_slug_hint(fields: list[dict], name: str) -> list[dict]:
    """The address field's help in words, with this type's own start of the address (the
    models say `/prosjekt/<slug>/`)."""
    content_type = TYPES[name]
    start = "/" + content_type.page.split("{")[0]
    default = "tittelen" if content_type.slug_from == "title" else "filnavnet"
    hint = (
        f"Siste del av nettadressen, {start}…/: små bokstaver a–z, tall og bindestrek. "
        f"Står feltet tomt, lages adressen av {default}."
    )
    return [{**f, "hint": hint} if f["name"] == "slug" and "hint" in f else f for f in fields]


def hidden_slug() -> dict:
    return {"name": "slug", "label": "Adresse", "widget": "hidden", "required": False}


def files_collection(name: str, root: Path, vocabularies: Vocabularies) -> dict:
    """Courses and modules share folders with each other, which a Decap folder collection
    cannot tell apart: list the files that exist (`build.py new` regenerates this)."""
    content_type = TYPES[name]
    pattern = "*/index.md" if content_type.layout == "folders" else "*/*.md"
    paths = sorted(
        p
        for p in (root / content_type.folder).glob(pattern)
        if (content_type.layout == "folders") == (p.name == "index.md")
    )
    fields = with_slug_hint(model_fields(content_type.model, vocabularies), name)
    files = []
    for path in paths:
        relative = path.relative_to(root).as_posix()
        title = read_title(path) or relative
        files.append(
            {
                "name": re.sub(r"[^a-z0-9]+", "-", relative.removesuffix(".md")),
                "label": title,
                "file": relative,
                "format": FORMAT,
                "media_folder": "",
                "public_folder": "",
                "fields": fields,
            }
        )
    return {"name": name, "label": content_type.required("plural"), "files": files}


def read_title(path: Path) -> str | None:
    match = re.search(r"^title:\s*(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return match[1].strip().strip("\"'") if match else None


def generate_config(root: Path, vocabularies: Vocabularies) -> str:
    collections = [
        folder_collection(name, vocabularies)
        if TYPES[name].layout == "files"
        else files_collection(name, root, vocabularies)
        for name in edited_types()
    ]
    config = {
        # On the real host editors sign in with GitHub; every change becomes a pull request
        # that the workflow tests before anyone merges it (REDAKTOR.md).
        "backend": {
            "name": "github",
            "repo": "innomed/innomed.no",
            "branch": "main",
            "open_authoring": True,
        },
        "publish_mode": "editorial_workflow",
        # `make edit`: decap-server on loopback writes the files in the editor's own clone.
        "local_backend": {"url": LOCAL_BACKEND, "allowed_hosts": ["127.0.0.1", "localhost"]},
        "locale": "nb_no",
        "site_url": "https://innomed.no/",
        "display_url": "https://innomed.no/",
        "media_folder": "content/bilder",
        "public_folder": "/bilder",
        # File names made from titles and uploads: ascii, æ/ø/å folded (æ -> ae), lower case.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    header = (
        "# Generated by `python build.py schema` from innomed/cms/decap.py, the models and\n"
        "# data/vocabulary.yml: do not edit. The browser editor at /admin/ reads it.\n"
    )
    return header + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def write_config(root: Path, vocabularies: Vocabularies) -> list[Path]:
    path = root / CONFIG_FILE
    text = generate_config(root, vocabularies)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return []
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [path]


def admin_notice(root: Path) -> str | None:
    """What an editor is told when /admin/ is left out of the site."""
    if (root / DECAP_DIST / "decap-cms.js").is_file():
        return None
    return (
        "Merk: /admin/ (redigering i nettleseren) er ikke med: kjør `make site`, som "
        "installerer det den trenger (eller `npm ci --ignore-scripts`)."
    )


def admin_files(root: Path) -> list[StaticFile]:
    """admin/ and Decap's script with its chunks, published at /admin/; nothing when
    node_modules is missing (the rest of the site does not need npm)."""
    decap = root / DECAP_DIST
    if notice := admin_notice(root):
        print(notice, file=sys.stderr)
        return []
    origin = "admin"
    files = [
        StaticFile(f"admin/{p.name}", p, origin)
        for p in sorted((root / ADMIN_FOLDER).iterdir())
        if p.is_file()
    ]
    files += [
        StaticFile(f"admin/decap/{p.name}", p, origin) for p in sorted(decap.glob("*decap-cms.js"))
    ]
    files += [
        StaticFile(f"admin/yaml/{p.relative_to(root / YAML_DIST).as_posix()}", p, origin)
        for p in sorted((root / YAML_DIST).rglob("*.js"))
    ]
    return files
