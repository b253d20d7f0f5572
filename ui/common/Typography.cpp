#include "ui/common/Typography.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QWidget>

namespace claimdesk::ui {

namespace {
void scaleFont(QWidget* widget, qreal factor, QFont::Weight weight)
{
    QFont font = widget->font();
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * factor);
    } else {
        font.setPixelSize(static_cast<int>(font.pixelSize() * factor));
    }
    font.setWeight(weight);
    widget->setFont(font);
}
}  // namespace

void makeHeading(QWidget* widget)
{
    scaleFont(widget, 1.6, QFont::DemiBold);
}

void makeSubheading(QWidget* widget)
{
    scaleFont(widget, 1.15, QFont::DemiBold);
}

void makeSecondary(QWidget* widget)
{
    // Two thirds of the way from the background to the text colour: muted, but still readable. Both text
    // roles are set, because a label on a Base-coloured card draws with Text rather than WindowText.
    QPalette palette = widget->palette();
    const QColor text = palette.color(widget->foregroundRole());
    const QColor background = palette.color(widget->backgroundRole());
    auto mix = [](int from, int to) { return from + (to - from) * 2 / 3; };
    const QColor muted(mix(background.red(), text.red()), mix(background.green(), text.green()),
                       mix(background.blue(), text.blue()));
    palette.setColor(QPalette::WindowText, muted);
    palette.setColor(QPalette::Text, muted);
    widget->setPalette(palette);
}

}  // namespace claimdesk::ui

namespace claimdesk::ui {

void makeProblem(QWidget* widget)
{
    QPalette palette = widget->palette();
    const bool darkTheme = palette.color(widget->backgroundRole()).lightness() < 128;
    const QColor red = darkTheme ? QColor(0xff, 0x8a, 0x80) : QColor(0xa1, 0x1d, 0x12);
    palette.setColor(QPalette::WindowText, red);
    palette.setColor(QPalette::Text, red);
    widget->setPalette(palette);
}

}  // namespace claimdesk::ui
