"""Makes example_blank.pdf: a stand-in for a municipality's own official blank form (in real use the
municipality supplies this PDF; kakanai only overlays the values). Run once:
    .venv/bin/python forms/templates/make_example_blank.py
"""

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kakanai.forms.fonts import FontRole, load_font

MM = 72 / 25.4
OUT = Path(__file__).with_name("example_blank.pdf")


def main() -> None:
    gothic = load_font(FontRole.LABEL).name
    c = Canvas(str(OUT), pagesize=A4, invariant=1)
    h = A4[1]
    c.setFont(gothic, 18)
    c.drawCentredString(A4[0] / 2, h - 20 * MM, "印鑑登録申請書（見本市の公式様式）")
    c.setFont(gothic, 9)
    c.drawString(10 * MM, h - 28 * MM, "見本市印鑑条例施行規則 様式第1号")
    boxes = [("申請日", 140, 32, 60, 12), ("住所", 10, 48, 190, 14), ("氏名", 10, 64, 95, 14),
             ("フリガナ", 107, 64, 93, 14), ("生年月日", 10, 80, 95, 12), ("電話番号", 107, 80, 93, 12),
             ("申請者署名", 10, 100, 190, 16), ("※受付", 10, 240, 60, 20), ("※登録番号", 72, 240, 60, 20)]
    for label, x, y, w, bh in boxes:
        c.setLineWidth(0.8)
        c.rect(x * MM, h - (y + bh) * MM, w * MM, bh * MM)
        c.drawString((x + 1) * MM, h - (y + 3.5) * MM, label)
    c.showPage()
    c.save()


if __name__ == "__main__":
    main()
