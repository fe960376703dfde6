from jaganetral.screening.nlp.normalize import Normalizer, fix_mojibake, normalize


def test_slang_elongation_leet_and_negation_kept() -> None:
    assert normalize("gak mauuuu pilih dia") == "enggak mau pilih dia"
    assert normalize("jgn pilih") == "jangan pilih"
    assert normalize("c4p3k bgt") == "capek banget"
    assert normalize("orang2 pada bingung").startswith("orang pada")
    assert "tidak" in normalize("tidak dukung")


def test_numbers_urls_and_emoji() -> None:
    toks = Normalizer().tokens("coblos no2 ✌️ https://t.co/x #JokowiLagi @budi")
    texts = [t.text for t in toks]
    assert texts[:3] == ["coblos", "nomor", "2"]
    assert "<jari2>" in texts
    assert "#jokowilagi" in texts and "@budi" in texts
    assert not any("t.co" in t for t in texts)


def test_spans_point_into_original() -> None:
    text = "Mantaaap pak"
    tok = Normalizer().tokens(text)[0]
    assert text[tok.start : tok.end] == "Mantaaap" and tok.text == "mantap"


def test_mojibake_repaired() -> None:
    assert fix_mojibake("Berita ini ðŸ‘‡ pasti") == "Berita ini 👇 pasti"
    assert fix_mojibake("biasa saja") == "biasa saja"
