/**
 * Text messages to raters, through a pluggable sender. The demo and tests have no SMS gateway: the default sender
 * writes the message to the server's standard output (the operator reads codes from the log); a deployment installs a
 * real gateway with `useSmsSender` at start-up. The number itself is shown masked in the log line.
 */
export interface SmsSender {
  send(mobile: string, text: string): Promise<void>;
}

export const consoleSmsSender: SmsSender = {
  async send(mobile, text) {
    process.stdout.write(`[短信 SMS → ${mobile.slice(0, 3)}****${mobile.slice(-4)}] ${text}\n`);
  },
};

let current: SmsSender = consoleSmsSender;

export function useSmsSender(sender: SmsSender): void {
  current = sender;
}

export const smsSender = (): SmsSender => current;
