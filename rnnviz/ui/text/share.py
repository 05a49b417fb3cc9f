"""Strings about sharing a screen: lesson presets, links whose values a page cannot take, figure exports."""

EN = {
    "share.url_bad": "The link sets **{param}** to “{value}”, which this control cannot take; it shows {used} instead.",
}

ZH = {
    "share.url_bad": "链接把 **{param}** 设为“{value}”，这个控件无法使用该值，现在显示的是 {used}。",
}
