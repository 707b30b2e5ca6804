# Makes scanned-form.pdf: a "scanned" template, a page that is one image and nothing else (no text, no fields), as a
# ward's scanner gives. The image is the blank 妊娠届出書（区様式） at 70 dpi, tilted by nothing and placed on A4.
# Run: /usr/bin/python3 scanned-form.py
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

c = canvas.Canvas("scanned-form.pdf", pagesize=A4, invariant=1)
c.drawImage("../../../../samples/ninshin-todokede-yoshiki/blank.png", 0, 0, width=A4[0], height=A4[1])
c.showPage()
c.save()
