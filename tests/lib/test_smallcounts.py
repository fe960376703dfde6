from jaganetral.lib import smallcounts as sc


def test_counts_from_one_to_four_are_hidden_and_zero_is_not() -> None:
    assert [sc.cell(n).text for n in range(7)] == ["0", "<5", "<5", "<5", "<5", "5", "6"]
    assert sc.cell(3).count is None and sc.cell(5).count == 5


def test_a_total_beside_a_hidden_cell_cannot_be_subtracted_back() -> None:
    items, total = sc.suppress_items([{"key": "a", "count": 10}, {"key": "b", "count": 3}])
    assert [i["text"] for i in items] == ["10", "<5"]
    assert total.approximate and total.count == 15 and total.text == "≈15"
    # whatever the hidden cell held (1 to 4), the shown total is the same
    assert {sc.total([10, v]).count for v in range(1, 5)} == {15}


def test_exact_total_when_nothing_is_hidden() -> None:
    _, total = sc.suppress_items([{"key": "a", "count": 10}, {"key": "b", "count": 0}])
    assert total.count == 10 and not total.approximate


def test_a_small_total_is_never_shown() -> None:
    assert sc.total([2]).text == "≈5"
    assert sc.total([0]).text == "0"
