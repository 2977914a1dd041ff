// The Bolt for JavaScript floor of the benchmark: Bolt's defaults (its HTTP receiver and its own
// signature check), one /influx-token handler that only acknowledges, and /health for readiness.
'use strict';

const { App, LogLevel } = require('@slack/bolt');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

const app = new App({
  token: required('SLACK_BOT_TOKEN'),
  signingSecret: required('SLACK_SIGNING_SECRET'),
  clientOptions: { slackApiUrl: required('SLACK_API_URL') },
  logLevel: LogLevel.WARN,
  customRoutes: [
    {
      path: '/health',
      method: ['GET'],
      handler: (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
      },
    },
  ],
});

app.command('/influx-token', async ({ ack }) => {
  await ack();
});

app.action(/.*/, async ({ ack }) => {
  await ack();
});

(async () => {
  await app.start(Number(required('PORT')));
  console.log(`bolt-js floor listening on ${process.env.PORT}`);
})();
