"""The components' notes for designers ($comment) are shown where designers pick them."""

from __future__ import annotations

from tests.conftest import Citizen


def test_the_component_picker_shows_each_components_notes(designer: Citizen) -> None:
    html = designer.client.get("/staff/forms/ct01").text
    notes = html.split('id="component-notes"', 1)[1].split("</details>", 1)[0]
    assert "Give it x-prefill &#34;citizen.id_card&#34;" in notes
    assert "two-tier administrative units" in notes and notes.count("<dd") == 5
