# Makes reportlab-form.pdf: a template from a second producer (ReportLab 3.6, Debian's python3-reportlab), with
# AcroForm fields on pages 1 and 2, drawn with a standard Japanese CID font (not embedded, as many producers do).
# Run: /usr/bin/python3 reportlab-form.py
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
c = canvas.Canvas("reportlab-form.pdf", pagesize=A4, invariant=1)
W, H = A4

def label(x, y, text, size=10.5):
    c.setFont("HeiseiMin-W3", size)
    c.drawString(x * mm, H - y * mm, text)

label(20, 20, "転入届（テンプレート試験）", 16)
c.rect(20 * mm, H - 80 * mm, 170 * mm, 50 * mm)
for row in (40, 50, 60, 70):
    c.line(20 * mm, H - row * mm, 190 * mm, H - row * mm)
c.line(50 * mm, H - 80 * mm, 50 * mm, H - 30 * mm)
label(22, 37, "氏名")
label(22, 47, "フリガナ")
label(22, 57, "電話番号")
label(22, 67, "世帯主")
label(22, 77, "性別")
form = c.acroForm
form.textfield(name="name", x=52 * mm, y=H - 39 * mm, width=80 * mm, height=8 * mm, maxlen=20, borderWidth=0, fontName="Helvetica")
form.textfield(name="kana", x=52 * mm, y=H - 49 * mm, width=80 * mm, height=8 * mm, maxlen=25, borderWidth=0, fontName="Helvetica")
form.textfield(name="phone", x=52 * mm, y=H - 59 * mm, width=66 * mm, height=8 * mm, maxlen=11, borderWidth=0, fontName="Helvetica",
               fieldFlags="comb")
form.checkbox(name="householder", x=52 * mm, y=H - 68.5 * mm, size=5 * mm, borderWidth=1)
label(58, 67, "本人が世帯主")
form.radio(name="sex", value="male", x=52 * mm, y=H - 78.5 * mm, size=5 * mm, borderWidth=1)
label(58, 77, "男")
form.radio(name="sex", value="female", x=72 * mm, y=H - 78.5 * mm, size=5 * mm, borderWidth=1)
label(78, 77, "女")
c.showPage()

label(20, 20, "裏面（2ページ）", 12)
c.rect(20 * mm, H - 60 * mm, 170 * mm, 30 * mm)
label(22, 37, "前住所")
form.textfield(name="previousAddress", x=52 * mm, y=H - 58 * mm, width=130 * mm, height=26 * mm, borderWidth=0, fontName="Helvetica",
               fieldFlags="multiline")
form.choice(name="reason", x=52 * mm, y=H - 75 * mm, width=40 * mm, height=8 * mm, value="job", options=["job", "marriage", "other"], fontName="Helvetica")
c.showPage()
c.save()
