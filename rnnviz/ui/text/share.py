"""Strings about sharing a screen: lesson presets, links whose values a page cannot take, figure exports."""

EN = {
    "share.presets": "Lesson presets",
    "share.presets_help": "Each one sets every control of this page for one moment of a lesson; "
                          "the address bar then holds it, ready to share.",
    "share.measured": "(Measured on 10 seeds: {claims}.)",
    "share.download_svg": "Figure (SVG)",
    "share.png_hint": "PNG: the camera in the figure's toolbar (top right of the figure).",
    "share.url_bad": "The link sets **{param}** to “{value}”, which this control cannot take; it shows {used} instead.",
}

ZH = {
    "share.presets": "课堂预设",
    "share.presets_help": "每个预设一次设好本页的全部控件，对应课上的一个时刻；地址栏随之更新，可直接分享。",
    "share.measured": "（已在 10 个随机种子上测量：{claims}。）",
    "share.download_svg": "图（SVG）",
    "share.png_hint": "PNG：点图右上角工具栏里的相机图标。",
    "share.url_bad": "链接把 **{param}** 设为“{value}”，这个控件无法使用该值，现在显示的是 {used}。",
}
