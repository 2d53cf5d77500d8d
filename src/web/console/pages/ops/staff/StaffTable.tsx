// The house's people in one table: who, position and employment, phone, hired, each required credential, and
// whether they can be rostered today, in the server's order (manager first, people who have left last, greyed).
import { useEffect, type HTMLAttributes } from 'react';
import { Button, Flex, Table, Tag, Typography, theme } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { StaffRecord } from '../../../../common/opsTypes.ts';
import { formatPlainDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { Requirements, RosterState } from './CredentialTags.tsx';

export function StaffTable({
  records,
  loading,
  focus,
  canManage,
  onOpen,
  onEdit,
}: {
  records: StaffRecord[];
  loading: boolean;
  /** The person a link pointed at (?focus=): highlighted and scrolled to. */
  focus: string | null;
  canManage: boolean;
  onOpen: (r: StaffRecord) => void;
  onEdit: (r: StaffRecord) => void;
}) {
  const { token } = theme.useToken();
  useEffect(() => {
    if (focus) document.querySelector(`[data-row-key="${focus}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [focus, records.length]);

  return (
    <Table<StaffRecord>
      rowKey="id"
      loading={loading}
      dataSource={records}
      pagination={false}
      locale={{ emptyText: t('staff.empty') }}
      onRow={(r) =>
        ({
          'data-qa': 'staff-row',
          style: {
            ...(r.id === focus ? { background: token.colorPrimaryBg, outline: `2px solid ${token.colorPrimaryBorder}` } : {}),
            ...(r.leftOn ? { opacity: 0.55 } : {}),
          },
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('staff.col.name'),
          key: 'name',
          width: 140,
          render: (_, r) => (
            <Flex vertical gap={2} align="flex-start">
              <Typography.Link strong onClick={() => onOpen(r)} data-qa="staff-name">
                {r.name}
              </Typography.Link>
              {r.leftOn && <Tag>{t('staff.leftOn', { date: formatPlainDateZh(r.leftOn) })}</Tag>}
            </Flex>
          ),
        },
        {
          title: t('staff.col.positionEmployment'),
          key: 'position',
          width: 120,
          render: (_, r) => (
            <Flex vertical gap={2}>
              <span data-qa="staff-position">{t(`positions.${r.position}`)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`employment.${r.employment}`)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('staff.col.phone'),
          dataIndex: 'phoneMasked',
          width: 120,
          render: (p: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{p ?? t('common.dash')}</span>,
        },
        {
          title: t('staff.col.hiredOn'),
          dataIndex: 'hiredOn',
          width: 170,
          render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatPlainDateZh(d)}</span>,
        },
        { title: t('staff.col.credentials'), key: 'credentials', render: (_, r) => <Requirements record={r} /> },
        { title: t('staff.col.roster'), key: 'roster', width: 200, render: (_, r) => <RosterState record={r} /> },
        {
          title: t('common.actions'),
          key: 'actions',
          width: canManage ? 140 : 90,
          render: (_, r) => (
            <Flex gap={0}>
              <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => onOpen(r)} data-qa="staff-open">
                {t('staff.open')}
              </Button>
              {canManage && (
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(r)} data-qa="staff-edit">
                  {t('common.edit')}
                </Button>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
}
