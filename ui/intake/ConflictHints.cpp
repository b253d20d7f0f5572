#include "ui/intake/ConflictHints.h"

#include "ui/common/ErrorText.h"
#include "ui/common/Typography.h"

#include <QLabel>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
QString kindText(const core::ConflictMatch& match)
{
    if (match.kind == QStringLiteral("client")) {
        return ConflictHints::tr("client");
    }
    if (match.kind == QStringLiteral("former-name")) {
        return ConflictHints::tr("former name of a client");
    }
    if (match.kind == QStringLiteral("alias")) {
        return match.role.isEmpty() ? ConflictHints::tr("another name of a party")
                                    : ConflictHints::tr("another name of a party (%1)").arg(match.role);
    }
    return match.role.isEmpty() ? ConflictHints::tr("party") : ConflictHints::tr("party (%1)").arg(match.role);
}
}  // namespace

ConflictHints::ConflictHints(QWidget* parent) : QFrame(parent), m_debounce(new QTimer(this)), m_label(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setObjectName(QStringLiteral("conflictHintsFrame"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    m_label->setObjectName(QStringLiteral("conflictHintsLabel"));
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ConflictHints::checkNow);
    setVisible(false);
}

void ConflictHints::setService(core::ConflictService* service)
{
    m_service = service;
    if (m_service == nullptr) {
        m_debounce->stop();
    }
}

void ConflictHints::setNames(const QStringList& names, const QDate& dateOfBirth)
{
    QStringList cleaned;
    for (const QString& name : names) {
        const QString simplified = name.simplified();
        if (!simplified.isEmpty() && !cleaned.contains(simplified, Qt::CaseInsensitive)) {
            cleaned << simplified;
        }
    }
    if (cleaned == m_names && dateOfBirth == m_dateOfBirth) {
        return;
    }
    m_names = cleaned;
    m_dateOfBirth = dateOfBirth;
    if (m_service != nullptr) {
        m_debounce->start();
    }
}

void ConflictHints::checkNow()
{
    m_debounce->stop();
    if (m_service == nullptr) {
        return;
    }
    m_results.clear();
    m_problem.clear();
    for (const QString& name : std::as_const(m_names)) {
        auto found = m_service->check(name, m_dateOfBirth);
        if (!found) {
            // "Enter a name to check" for punctuation-only input is not worth showing.
            if (found.error().code != core::ErrorCode::InvalidInput) {
                m_problem = describe(found.error());
            }
            continue;
        }
        m_results.push_back({name, m_dateOfBirth, std::move(*found)});
    }
    render();
    emit checked();
}

int ConflictHints::matchCount() const
{
    int count = 0;
    for (const NameCheck& check : m_results) {
        count += static_cast<int>(check.matches.size());
    }
    return count;
}

QString ConflictHints::hintText() const
{
    return isVisibleTo(parentWidget()) ? QTextDocumentFragment::fromHtml(m_label->text()).toPlainText() : QString();
}

QString ConflictHints::describeMatches(const NameCheck& check, int limit)
{
    QString html;
    int shown = 0;
    for (const core::ConflictMatch& match : check.matches) {
        if (shown == limit) {
            html += QStringLiteral("<li>") + tr("…and more: see the review page.") + QStringLiteral("</li>");
            break;
        }
        ++shown;
        const QString score = tr("%1% match").arg(qRound(match.score * 100));
        if (match.restricted) {
            html += QStringLiteral("<li><b>") + tr("Possible match in restricted case %1 — ask a supervisor.").arg(match.caseReference).toHtmlEscaped()
                    + QStringLiteral("</b> ") + score.toHtmlEscaped() + QStringLiteral("</li>");
            continue;
        }
        if (match.kind == QStringLiteral("erased-case")) {
            // A tombstone (RetentionService): the case was erased; only its reference is left.
            html += QStringLiteral("<li><b>") + tr("Erased case %1 — ask a supervisor.").arg(match.caseReference).toHtmlEscaped()
                    + QStringLiteral("</b></li>");
            continue;
        }
        html += QStringLiteral("<li><b>") + match.name.toHtmlEscaped() + QStringLiteral("</b> — ")
                + tr("%1 on %2").arg(kindText(match), match.caseReference).toHtmlEscaped() + QStringLiteral(" · ")
                + score.toHtmlEscaped();
        if (!match.reasons.isEmpty()) {
            html += QStringLiteral("<br><span>") + match.reasons.join(QStringLiteral("; ")).toHtmlEscaped()
                    + QStringLiteral("</span>");
        }
        html += QStringLiteral("</li>");
    }
    return html.isEmpty() ? QString() : QStringLiteral("<ul style=\"margin-left:-20px\">") + html + QStringLiteral("</ul>");
}

void ConflictHints::render()
{
    QString html;
    const bool several = m_results.size() > 1;
    for (const NameCheck& check : m_results) {
        if (check.matches.empty()) {
            continue;
        }
        if (several) {
            html += QStringLiteral("<div>") + tr("For “%1”:").arg(check.name).toHtmlEscaped() + QStringLiteral("</div>");
        }
        html += describeMatches(check, kShownPerName);
    }
    if (!html.isEmpty()) {
        html = QStringLiteral("<div><b>")
               + tr("Possible matches in existing cases — check them before going further. A match is not a decision.")
                     .toHtmlEscaped()
               + QStringLiteral("</b></div>") + html;
    }
    if (!m_problem.isEmpty()) {
        html += QStringLiteral("<div>") + tr("The conflict check could not run: %1").arg(m_problem).toHtmlEscaped()
                + QStringLiteral("</div>");
    }
    m_label->setText(html);
    setVisible(!html.isEmpty());
}

}  // namespace claimdesk::ui
