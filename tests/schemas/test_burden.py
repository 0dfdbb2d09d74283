from formsvc.schemas import FormDocument, burden


def test_rows_count_once_and_prefill_counts_for_a_complete_record() -> None:
    document = FormDocument(
        "t",
        {
            "title": "t",
            "x-prefill": "citizen",
            "properties": {
                "applicant": {"$ref": "urn:formsvc:component:person", "x-prefill": "citizen"},
                "child": {"$ref": "urn:formsvc:component:person"},
                "members": {
                    "type": "array",
                    "x-prefill": "citizen.household.members",
                    "items": {"$ref": "urn:formsvc:component:household-member"},
                },
                "request": {"type": "string"},
            },
        },
    )
    figures = burden(document)
    # 6 applicant + 6 child + 5 member fields (once, not per row) + 1 request
    assert figures.fields == 18
    assert figures.prefilled == 6 + 5
    assert figures.to_type == 7
    assert round(figures.saved_share, 3) == round(11 / 18, 3)
