"""The chat's words in simplified Chinese and English, and which language a page is shown in.

One dict per language with the same keys (a test fails when one is missing or its ``{fields}``
differ); the finder tab's words are kept in ``ui/finder_i18n.py`` and merged in. The widget keeps
its own table in ``ui/static/widget.js``: it must stay self-contained.

The page's language comes from ``?lang=zh|en`` when given, else from the browser's
``Accept-Language`` header (``negotiate``). Each answer's own words (the "not covered" state, the
note on quotes in another language, errors) follow the question's language instead
(``Answer.lang``), so a Chinese question on the English page is answered in Chinese.
"""

from __future__ import annotations

from string import Formatter

from core.language import Lang, as_language
from ui.finder_i18n import FINDER_MESSAGES

DEFAULT_LANG: Lang = "en"

MESSAGES: dict[Lang, dict[str, str]] = {
    "en": {
        "title": "policybot",
        "heading": "# Policy questions\nAnswers come only from the federation's policy documents, "
                   "each sentence cited. When the documents do not cover a question, it says so.",
        "tab_ask": "Ask",
        "conversation": "Conversation",
        "api_key": "API key",
        "question": "Your question",
        "placeholder": "Ask about trade, support or cluster policies…",
        "ask": "Ask",
        "examples": "Try",
        "not_covered": "Not covered by our documents.",
        "sources": "Sources",
        "page": "page {n}",
        "other_language_note": "Quotes marked “Chinese original” come from Chinese documents and "
                               "are not translated.",
        "other_language_badge": "Chinese original",
        "confidence_direct": "answers the question",
        "confidence_related": "related passage",
        "related_note": "These passages are on your question's topic but may not answer it directly.",
        "error": "Error:",
        "error_RateLimited": "{detail}",
        "error_NotAuthorised": "{detail}",
        "error_Forbidden": "{detail}",
        "error_IndexNotFound": "{detail}",
        "error_IndexCorrupt": "{detail}",
        "error_InvalidQuestion": "{detail}",
        "error_other": "{detail}",
        "tab_documents": "Documents",
        "indexed_documents": "Indexed documents",
        "col_doc_id": "doc_id",
        "col_title": "title",
        "col_date": "date",
        "col_source": "source",
        "col_chunks": "chunks",
        "col_indexed_at": "indexed_at",
        "refresh": "Refresh",
        "manage": "Manage (admin key required)",
        "admin_key": "Admin key",
        "add_file": "Add or replace a document",
        "upload": "Upload and index",
        "delete_id": "Document id to delete",
        "delete": "Delete",
        "choose_file": "Choose a file first.",
        "uploaded": "Indexed {file} as {doc_id}.",
        "not_uploaded": "Not uploaded: {detail}",
        "deleted": "Deleted {doc_id}.",
        "not_deleted": "Not deleted: {detail}",
        "tab_insights": "Insights",
        "days": "Days",
        "show": "Show",
        "summary": "**{questions}** questions in the last {days} days; **{rate}** not covered by "
                   "the documents; feedback {helpful} helpful, {not_helpful} not helpful.",
        "per_day": "Questions per day",
        "most_cited": "Most cited documents",
        "most_asked": "Most asked questions",
        "unanswered": "Not covered by the documents: candidates to add",
        "status_in_force": "In force",
        "status_expired": "Expired",
        "status_superseded": "Replaced",
        "status_not_yet_effective": "Not yet in force",
        "status_unknown": "Status unknown",
        "col_doc_number": "number",
        "col_issuer": "issuer",
        "col_effective_date": "effective",
        "col_expiry_date": "valid until",
        "col_status": "status",
        "col_superseded_by": "replaced by",
        "policy_card": "Policy card",
        "card_id": "Document id",
        "as_of": "Status as of (YYYY-MM-DD; empty: today)",
        "show_card": "Show",
        "no_card": "No document {doc_id}.",
        "card_issuer": "Issuer",
        "card_number": "Document No.",
        "card_date": "Issued",
        "card_effective": "Effective",
        "card_expiry": "Valid until",
        "card_status": "Status on {day}",
        "card_replaced_by": "Replaced by",
        "card_replaces": "Replaces",
        "card_passages": "Passages",
        "view_source": "File",
        "view_original": "Original page",
        "view_passage": "Passage {n}",
        "view_cited": "cited",
        **FINDER_MESSAGES["en"],
    },
    "zh": {
        "title": "政策问答",
        "heading": "# 政策问答\n答案只来自联合会的政策文件，每句话都注明出处。"
                   "文件没有涉及的问题，会如实说明。",
        "tab_ask": "提问",
        "conversation": "对话",
        "api_key": "API 密钥",
        "question": "您的问题",
        "placeholder": "请输入关于贸易、扶持或产业集群政策的问题…",
        "ask": "提问",
        "examples": "试试这些问题",
        "not_covered": "我们的文件未涉及此问题。",
        "sources": "来源",
        "page": "第 {n} 页",
        "other_language_note": "标有“英文原文”的引文摘自英文文件，保留原文，未经翻译。",
        "other_language_badge": "英文原文",
        "confidence_direct": "直接回答",
        "confidence_related": "相关内容",
        "related_note": "以下段落与您的问题相关，但可能没有直接回答。",
        "error": "出错了：",
        "error_RateLimited": "提问太频繁，请稍后再试。（{detail}）",
        "error_NotAuthorised": "需要有效的 API 密钥。（{detail}）",
        "error_Forbidden": "没有权限执行此操作。（{detail}）",
        "error_IndexNotFound": "服务尚未建立文件索引，暂时无法回答。（{detail}）",
        "error_IndexCorrupt": "文件索引无法读取，暂时无法回答。（{detail}）",
        "error_InvalidQuestion": "问题无法处理。（{detail}）",
        "error_other": "请求未能完成。（{detail}）",
        "tab_documents": "文件",
        "indexed_documents": "已索引的文件",
        "col_doc_id": "文件 ID",
        "col_title": "标题",
        "col_date": "日期",
        "col_source": "来源文件",
        "col_chunks": "段落数",
        "col_indexed_at": "索引时间",
        "refresh": "刷新",
        "manage": "管理（需要管理员密钥）",
        "admin_key": "管理员密钥",
        "add_file": "添加或替换文件",
        "upload": "上传并索引",
        "delete_id": "要删除的文件 ID",
        "delete": "删除",
        "choose_file": "请先选择文件。",
        "uploaded": "已索引 {file}，文件 ID 为 {doc_id}。",
        "not_uploaded": "未上传：{detail}",
        "deleted": "已删除 {doc_id}。",
        "not_deleted": "未删除：{detail}",
        "tab_insights": "统计",
        "days": "天数",
        "show": "显示",
        "summary": "最近 {days} 天共 **{questions}** 个问题；**{rate}** 未被文件涵盖；"
                   "反馈：{helpful} 条有帮助，{not_helpful} 条没有帮助。",
        "per_day": "每日问题数",
        "most_cited": "引用最多的文件",
        "most_asked": "最常问的问题",
        "unanswered": "文件未涉及的问题：可考虑补充的内容",
        "status_in_force": "现行有效",
        "status_expired": "已失效",
        "status_superseded": "已被取代",
        "status_not_yet_effective": "尚未生效",
        "status_unknown": "效力未知",
        "col_doc_number": "文号",
        "col_issuer": "发文机关",
        "col_effective_date": "施行日期",
        "col_expiry_date": "有效期至",
        "col_status": "状态",
        "col_superseded_by": "被以下文件取代",
        "policy_card": "政策卡片",
        "card_id": "文件 ID",
        "as_of": "状态日期（YYYY-MM-DD，留空为今天）",
        "show_card": "查看",
        "no_card": "没有文件 {doc_id}。",
        "card_issuer": "发文机关",
        "card_number": "文号",
        "card_date": "发布日期",
        "card_effective": "施行日期",
        "card_expiry": "有效期至",
        "card_status": "{day}的状态",
        "card_replaced_by": "已被取代为",
        "card_replaces": "取代了",
        "card_passages": "段落",
        "view_source": "文件",
        "view_original": "原文网址",
        "view_passage": "第 {n} 段",
        "view_cited": "被引用",
        **FINDER_MESSAGES["zh"],
    },
}


def t(lang: Lang, key: str, **fields: object) -> str:
    """The message ``key`` in ``lang`` with its ``{fields}`` filled in."""
    text = MESSAGES[lang][key]
    return text.format(**fields) if fields else text


def fields_of(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def negotiate(accept_language: str | None, requested: str | None = None) -> Lang:
    """The page's language: ``?lang=`` when it names one, else the first language of the
    ``Accept-Language`` header we have (by q-value; zh, zh-CN, zh-Hans, zh-TW... are zh), else en."""
    chosen = as_language(requested)
    if chosen is not None:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and q > 0:
            ranked.append((-q, position, tag))
    for _, _, tag in sorted(ranked):
        lang = as_language(tag)
        if lang is not None:
            return lang
    return DEFAULT_LANG

