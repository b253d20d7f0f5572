#include "ui/therapy/FundBudgetBar.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace claimdesk::ui {

FundBudgetBar::FundBudgetBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fundBudgetBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QColor FundBudgetBar::paidColour() { return {0x1f, 0x4e, 0x8c}; }
QColor FundBudgetBar::committedColour() { return {0x7f, 0xa8, 0xd9}; }
QColor FundBudgetBar::remainingColour() { return {0xe3, 0xe8, 0xee}; }
QColor FundBudgetBar::overrunColour() { return {0xa1, 0x1d, 0x12}; }

void FundBudgetBar::setFigures(qint64 allocatedPence, qint64 committedPence, qint64 paidPence)
{
    m_allocated = std::max<qint64>(allocatedPence, 0);
    m_committed = std::max<qint64>(committedPence, 0);
    m_paid = std::max<qint64>(paidPence, 0);
    setToolTip(QString());
    update();
}

void FundBudgetBar::clear()
{
    setFigures(0, 0, 0);
}

QSize FundBudgetBar::sizeHint() const
{
    return {480, 22};
}

QSize FundBudgetBar::minimumSizeHint() const
{
    return {120, 22};
}

void FundBudgetBar::paintEvent(QPaintEvent* /*event*/)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath outline;
    outline.addRoundedRect(area, 5, 5);
    p.fillPath(outline, remainingColour());
    const qint64 used = m_paid + m_committed;
    const qint64 scale = std::max(m_allocated, used);
    if (scale <= 0) {
        p.setPen(QPen(QColor(0xb8, 0xc2, 0xcc), 1));
        p.drawPath(outline);
        return;
    }
    p.setClipPath(outline);
    const auto widthOf = [&](qint64 pence) { return area.width() * static_cast<double>(pence) / static_cast<double>(scale); };
    double x = area.left();
    const double paidW = widthOf(m_paid);
    p.fillRect(QRectF(x, area.top(), paidW, area.height()), paidColour());
    x += paidW;
    const double committedW = widthOf(m_committed);
    p.fillRect(QRectF(x, area.top(), committedW, area.height()), committedColour());
    if (used > m_allocated) {
        // The overrun: what is paid or committed beyond the allocation, hatched red past the end mark.
        const double end = area.left() + widthOf(m_allocated);
        p.fillRect(QRectF(end, area.top(), area.right() - end, area.height()), QBrush(overrunColour(), Qt::BDiagPattern));
        p.fillRect(QRectF(end, area.top(), area.right() - end, area.height()), QColor(0xa1, 0x1d, 0x12, 90));
        p.setClipping(false);
        p.setPen(QPen(QColor(0x20, 0x20, 0x20), 2));
        p.drawLine(QPointF(end, area.top() - 0.5), QPointF(end, area.bottom() + 0.5));
    }
    p.setClipping(false);
    p.setPen(QPen(QColor(0xb8, 0xc2, 0xcc), 1));
    p.drawPath(outline);
}

}  // namespace claimdesk::ui
