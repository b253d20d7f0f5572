// Renders the therapy screens to PNG files (and the statement to PDF) so a person can look at them:
//   QT_QPA_PLATFORM=offscreen build/tests/ui/claimdesk_therapy_shots /tmp/shots-therapy
//   pdftoppm -png -r 80 /tmp/shots-therapy/07-statement.pdf /tmp/shots-therapy/07-statement-page
// The case file's Therapy tab with a request in therapy selected (details, sessions, invoices), the New request and
// Approve dialogs, the therapy fund window's tabs, and the statement of therapy costs. Uses a temporary demo vault
// (fictional cases, providers and requests in every state; fast KDF) and a recording Prompter; nothing real is
// touched.

#include "support/RecordingPrompter.h"
#include "support/UiTestSupport.h"

#include "ui/cases/CaseFileWidget.h"
#include "ui/cases/CaseListPanel.h"
#include "ui/cases/CaseWorkspace.h"
#include "ui/shell/MainWindow.h"
#include "ui/therapy/CaseTherapyTab.h"
#include "ui/therapy/StatementDialog.h"
#include "ui/therapy/StatementDocument.h"
#include "ui/therapy/TherapyDialogs.h"
#include "ui/therapy/TherapyFundWindow.h"
#include "ui/therapy/TherapyRequestModel.h"

#include "cases/CaseService.h"
#include "deadlines/DeadlineService.h"
#include "demo/DemoVault.h"
#include "store/Vault.h"
#include "therapy/TherapyService.h"

#include <QApplication>
#include <QDir>
#include <QPrinter>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <cstdio>

using namespace claimdesk;
namespace th = core::therapy;

namespace {

QDir g_out;

void shoot(QWidget* widget, const QString& name)
{
    widget->show();
    (void)QTest::qWaitForWindowExposed(widget);
    QTest::qWait(80);
    const QString path = g_out.filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    } else {
        std::printf("%s (%dx%d)\n", qPrintable(path), widget->width(), widget->height());
        std::fflush(stdout);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    g_out = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/shots-therapy"));
    g_out.mkpath(QStringLiteral("."));
    test::useTestSettings();

    QTemporaryDir dir;
    const QString path = dir.filePath(core::DemoVault::fileName());
    core::DemoContent content;
    content.cases = 60;
    content.seed = 7;
    if (auto made = core::DemoVault::create(path, test::fastOptions(dir), content); !made) {
        qFatal("demo vault: %s", qPrintable(made.error().message));
    }
    const QByteArray passphrase = core::DemoVault::passphrase().toUtf8();

    test::RecordingPrompter prompter;
    ui::VaultSession session(test::fastOptions(dir), core::KdfProfile::fastForTestsOnly());
    if (!test::unlockSession(session, path, QStringLiteral("demo-supervisor"), passphrase)) {
        return 1;
    }
    // A request in therapy with sessions and a payment, preferably on a case with a serious risk.
    th::TherapyService* therapy = session.therapy();
    const QDate today = QDate::currentDate();
    auto report = therapy->report(therapy->currentFundYear());
    if (!report) {
        qFatal("report: %s", qPrintable(report.error().message));
    }
    th::TherapyRequest chosen;
    int best = -1;
    for (const th::ReportRow& row : report->requests) {
        if (row.status != th::RequestStatus::InTherapy && row.status != th::RequestStatus::ReviewDue) {
            continue;
        }
        auto r = therapy->request(row.requestId);
        const int score = !r ? -1
                              : (r->status == th::RequestStatus::InTherapy ? 4 : 0)
                + (r->risk == th::RiskLevel::SeriousRisk ? 2 : 0) + (r->invoicedPence > 0 ? 1 : 0);
        if (score > best) {
            best = score;
            chosen = *r;
        }
    }
    if (chosen.id == 0) {
        qFatal("no request in therapy in the demo vault");
    }
    // Show a payment too: pay its oldest outstanding invoice (in this temporary vault only).
    if (chosen.paidPence == 0) {
        if (auto invoices = therapy->invoices(chosen.id)) {
            for (const th::Invoice& i : *invoices) {
                if (i.outstandingPence() > 0 && !i.disputed) {
                    th::Payment p;
                    p.paidOn = QDate::currentDate();
                    p.amountPence = i.outstandingPence();
                    p.method = QStringLiteral("BACS");
                    p.reference = QStringLiteral("CD-%1").arg(i.number);
                    p.paidFrom = QStringLiteral("Office account");
                    if (auto paid = therapy->pay(i.id, p); !paid) {
                        std::fprintf(stderr, "could not pay %s: %s\n", qPrintable(i.number),
                                     qPrintable(paid.error().message));
                    }
                    break;
                }
            }
        }
    }

    ui::MainWindow main(session, prompter);
    main.resize(1360, 940);
    main.show();
    ui::CaseWorkspace* workspace = main.caseWorkspace();
    (void)QTest::qWaitFor([&] { return !workspace->listPanel()->isLoading(); }, 60000);

    ui::CaseFileWidget* file = workspace->openCase(chosen.caseId);
    ui::CaseTherapyTab* tab = file->therapyTab();
    tab->setToday(today);
    file->tabs()->setCurrentWidget(tab);
    tab->selectRequest(chosen.id);
    shoot(&main, QStringLiteral("01-therapy-tab-details"));
    tab->detailTabs()->setCurrentIndex(1);
    shoot(&main, QStringLiteral("02-therapy-tab-sessions"));
    tab->detailTabs()->setCurrentIndex(2);
    if (tab->invoicesView()->model()->rowCount() > 0) {
        tab->invoicesView()->selectRow(0);
    }
    shoot(&main, QStringLiteral("03-therapy-tab-invoices"));
    tab->detailTabs()->setCurrentIndex(3);
    shoot(&main, QStringLiteral("04-therapy-tab-decisions"));
    tab->detailTabs()->setCurrentIndex(0);

    tab->newRequest();
    if (auto* dialog = tab->findChild<ui::RequestDialog*>()) {
        shoot(dialog, QStringLiteral("05-new-request-dialog"));
        dialog->reject();
    }

    // The statement: on screen, then printed to PDF (pdftoppm turns it into PNGs).
    if (ui::StatementDialog* statement = tab->showStatement()) {
        shoot(statement, QStringLiteral("06-statement-dialog"));
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(g_out.filePath(QStringLiteral("07-statement.pdf")));
        if (!ui::printStatement(printer, statement->statement(), QStringLiteral("Demo Supervisor"), today)) {
            std::fprintf(stderr, "could not print the statement\n");
        } else {
            std::printf("%s\n", qPrintable(g_out.filePath(QStringLiteral("07-statement.pdf"))));
        }
        statement->reject();
    }

    // The fund window, tab by tab.
    main.showTherapyFund();
    if (auto* fund = main.findChild<ui::TherapyFundWindow*>()) {
        fund->setToday(today);
        fund->resize(1280, 760);
        const QStringList names {QStringLiteral("08-fund-approval-queue"), QStringLiteral("09-fund-providers"),
                                 QStringLiteral("10-fund-invoices"), QStringLiteral("11-fund-reviews"),
                                 QStringLiteral("12-fund-year-report")};
        for (int i = 0; i < names.size(); ++i) {
            fund->tabs()->setCurrentIndex(i);
            shoot(fund, names.at(i));
        }
        fund->tabs()->setCurrentIndex(0);
        if (fund->approvalModel()->rowCount() > 0) {
            fund->approvalView()->selectRow(0);
            fund->approveSelected();
            if (auto* decision = fund->findChild<ui::DecisionDialog*>()) {
                shoot(decision, QStringLiteral("13-approve-dialog"));
                decision->reject();
            }
        }
        fund->close();
    }
    return 0;
}
