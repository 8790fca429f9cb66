/**
 * Changing one's own password (kernel.auth.changePassword): the current one, the new one twice; the server ends the
 * user's other sessions and keeps this one.
 */
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { messageOf } from '@chengxin/ui';
import { client } from '../api';
import { useLang } from '../i18n';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export default function PasswordDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useLang();
  const { message } = AntApp.useApp();
  const zh = lang === 'zh';
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: PasswordForm) => {
    setError(null);
    setBusy(true);
    try {
      await client.kernel.auth.changePassword.mutate({
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      void message.success(zh ? '密码已修改，其他设备上的登录已退出' : 'Password changed; other sessions ended');
      onClose();
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('changePassword')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item
          label={zh ? '当前密码' : 'Current password'}
          name="currentPassword"
          rules={[{ required: true, message: zh ? '请输入当前密码' : 'Enter the current password' }]}
        >
          <Input.Password id="pw-current" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={zh ? '新密码（至少10位）' : 'New password (10+)'}
          name="newPassword"
          rules={[{ required: true, min: 10, message: zh ? '新密码至少10位' : 'At least 10 characters' }]}
        >
          <Input.Password id="pw-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={zh ? '再次输入新密码' : 'Repeat the new password'}
          name="repeat"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: zh ? '请再次输入新密码' : 'Repeat it' },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(zh ? '两次输入的新密码不一致' : 'The two entries differ')),
            }),
          ]}
        >
          <Input.Password id="pw-repeat" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
