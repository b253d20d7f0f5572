// InactivityLocker on its own: fires once after the timeout, user input restarts it, stop() means never.

#include "ui/session/InactivityLocker.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace claimdesk;
using namespace std::chrono_literals;

class InactivityLockerTest : public QObject {
    Q_OBJECT
private slots:
    void firesOnceAfterTheTimeoutWithoutInput();
    void userInputRestartsTheCountdown();
    void nonInputEventsDoNotCountAsActivity();
    void stoppedLockerNeverFires();
    void defaultsToFiveMinutes();
};

void InactivityLockerTest::firesOnceAfterTheTimeoutWithoutInput()
{
    ui::InactivityLocker locker;
    QSignalSpy inactive(&locker, &ui::InactivityLocker::inactive);
    locker.setTimeout(100ms);
    locker.start();
    QTRY_COMPARE(inactive.count(), 1);
    QVERIFY(!locker.isRunning());
    QTest::qWait(250);
    QCOMPARE(inactive.count(), 1);
}

void InactivityLockerTest::userInputRestartsTheCountdown()
{
    QLineEdit edit;
    edit.show();
    ui::InactivityLocker locker;
    QSignalSpy inactive(&locker, &ui::InactivityLocker::inactive);
    locker.setTimeout(300ms);
    locker.start();
    for (int i = 0; i < 5; ++i) {  // 5 × 120 ms: twice the timeout in total, never 300 ms idle
        QTest::qWait(120);
        QTest::keyClick(&edit, Qt::Key_A);
    }
    QCOMPARE(inactive.count(), 0);
    QTRY_COMPARE(inactive.count(), 1);
}

void InactivityLockerTest::nonInputEventsDoNotCountAsActivity()
{
    QLineEdit edit;
    edit.show();
    ui::InactivityLocker locker;
    QSignalSpy inactive(&locker, &ui::InactivityLocker::inactive);
    locker.setTimeout(200ms);
    locker.start();
    for (int i = 0; i < 4; ++i) {
        QTest::qWait(80);
        edit.update();  // paint events are not a person
        edit.setText(QStringLiteral("typed by a program"));
    }
    QCOMPARE(inactive.count(), 1);
}

void InactivityLockerTest::stoppedLockerNeverFires()
{
    ui::InactivityLocker locker;
    QSignalSpy inactive(&locker, &ui::InactivityLocker::inactive);
    locker.setTimeout(50ms);
    locker.start();
    locker.stop();
    QTest::qWait(200);
    QCOMPARE(inactive.count(), 0);
}

void InactivityLockerTest::defaultsToFiveMinutes()
{
    ui::InactivityLocker locker;
    QCOMPARE(locker.timeout(), std::chrono::milliseconds(5min));
}

QTEST_MAIN(InactivityLockerTest)
#include "tst_ui_inactivity.moc"
