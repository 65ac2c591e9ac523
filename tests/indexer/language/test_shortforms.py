"""A body's short name held by its full name; currencies are no names."""

from indexer.language.shortforms import is_currency, short_name_held


def test_a_bodys_short_name_is_held_by_its_full_name() -> None:
    assert short_name_held("工信部", "请各省将材料报送工业和信息化部中小企业局。")
    assert short_name_held("人社部", "人力资源社会保障部关于延续实施稳岗政策的通知")
    assert short_name_held("发改委", "市发展和改革委员会负责解释。")


def test_what_only_looks_like_a_full_name_does_not_hold_it() -> None:
    assert not short_name_held("工信部", "县工业和信息化主管部门负责初审。")  # 部门: any level's department
    assert not short_name_held("工信部", "工业，信息部")  # not one name: the comma breaks the run
    assert not short_name_held("工信部", "工业园区的企业可向区商务局和信用信息平台咨询，各部")  # beyond the span
    assert not short_name_held("新加坡", "新的加工工艺在坡地上")  # a place, not a body
    assert not short_name_held("商务", "商业服务")  # two characters match too much by chance


def test_a_currency_is_no_name() -> None:
    assert is_currency("American dollar/US dollar")
    assert is_currency("Japanese yen (unit of currency)")
    assert not is_currency("Ministry of Industry and Information Technology (abbr)")
    assert not is_currency("Hong Kong")
