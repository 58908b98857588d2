from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.slugs import bundle_slug, identity_hash, is_safe_slug


def test_chinese_title_gives_readable_ascii_pinyin() -> None:
    slug = bundle_slug("百度变调：文心大模型4.5系列即将推出", "https://new.qq.com/rain/a/20250214A042HS00")
    assert slug.startswith("bai-du-bian-diao-wen-xin-da-mo-xing-4-5")
    assert slug.endswith("-" + identity_hash("https://new.qq.com/rain/a/20250214A042HS00"))
    assert is_safe_slug(slug)


def test_same_title_different_identity_never_collides() -> None:
    a = bundle_slug("大模型再启降价潮", "a.txt")
    b = bundle_slug("大模型再启降价潮", "b.txt")
    assert a != b
    assert a == bundle_slug("大模型再启降价潮", "a.txt")  # deterministic


def test_latin_words_are_kept_lower_case() -> None:
    assert bundle_slug("OpenAI 发布 GPT-5", "x").startswith("openai-fa-bu-gpt-5-")


def test_titles_without_letters_still_get_a_slug() -> None:
    slug = bundle_slug("？！……🎉🎉", "x")
    assert slug.startswith("article-") and is_safe_slug(slug)


@given(st.text(max_size=300), st.text(max_size=50))
def test_any_title_gives_a_safe_bounded_slug(title: str, identity: str) -> None:
    slug = bundle_slug(title, identity)
    assert is_safe_slug(slug)
    assert len(slug) <= 67
