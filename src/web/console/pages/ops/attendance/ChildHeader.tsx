// The child a dialog is about: name, sex and age, allergies in orange (the carer must see them before anything else).
import { Flex, Tag, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import type { AttendanceChild } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { ageText } from '../../../format.ts';

export function ChildHeader({ child }: { child: AttendanceChild }) {
  return (
    <Flex align="center" gap={10} wrap className="bbw-dialog-child">
      <Typography.Text strong style={{ fontSize: 18 }}>
        {child.childName}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t(`sex.${child.sex}`)} · {ageText(child.ageMonths)}
      </Typography.Text>
      {child.allergies && (
        <Tag color="orange" icon={<WarningFilled />} className="bbw-tag-big">
          {t('attendance.child.allergies', { text: child.allergies })}
        </Tag>
      )}
    </Flex>
  );
}
